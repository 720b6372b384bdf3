// Fixtures for tests of the builtin model and its provider: a tiny model made by the real recipe.
// Never imported by production code.
export * from './tiny-model-fixture.js';
