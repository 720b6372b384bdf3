// The plain-text part of steward-mini's pretraining data: a few hand-written paragraphs in simple
// English (written for this repository, public domain) and generated prose about the small world.
import { Prng } from '../nn/prng.js';
import { riverOf, worldFacts } from './small-world.js';

const PARAGRAPHS = [
  'The morning was cold and clear. A thin mist lay over the fields, and the birds sang in the hedges. The farmer opened the gate and the sheep ran out into the grass.',
  'A fox once saw a bunch of grapes hanging high on a vine. He jumped and jumped but could not reach them. At last he walked away and said that the grapes were sour anyway.',
  'The river runs slowly through the town. In summer children swim near the old bridge, and in winter the water is grey and fast. Boats carry wood and grain down to the sea.',
  'A good loaf needs flour, water, salt and time. The baker mixes the dough, lets it rise, and bakes it until the crust is brown and the kitchen smells warm.',
  'The sun rises in the east and sets in the west. The moon has no light of its own; it shines because the sun lights it. There are seven days in a week and twelve months in a year.',
  'An old tortoise and a quick hare ran a race. The hare ran ahead and then slept under a tree. The tortoise kept walking, step by step, and won the race while the hare was still asleep.',
  'Spring brings rain and new leaves. Summer is long and warm. In autumn the leaves turn red and yellow and fall to the ground. Winter brings snow, short days and long nights.',
  'To add two numbers, count on from the first by the second. Three and four make seven. Ten take away six leaves four. Numbers can be written with the digits zero to nine.',
  'A market fills the square every Saturday. People sell apples, cheese, fish and cloth. The smith mends tools, the potter sells bowls, and the painter draws the faces of the crowd.',
  'Be kind to others and they will be kind to you. Say please and thank you. When you do not know an answer, it is honest to say that you do not know.',
];

const OPENINGS = ['Every morning', 'On Sundays', 'In the evening', 'Most days', 'In winter', 'When the sun shines'];
const ACTIVITIES = ['walks by the river', 'reads a book', 'visits the market', 'feeds the birds', 'drinks tea', 'talks with friends'];

/** Generated prose about the people of the small world, plus the fixed paragraphs, as documents. */
export function pretrainingDocuments(seed: number, repeats: number): string[] {
  const rng = new Prng(seed);
  const docs: string[] = [];
  const facts = worldFacts();
  for (let r = 0; r < repeats; r++) {
    for (const p of facts) {
      const river = riverOf(p.town);
      const lines = rng.shuffle([
        `${p.name} lives in ${p.town}.`,
        `${p.name} is a ${p.trade}.`,
        `${p.name} likes the colour ${p.colour}.`,
        `${rng.pick(OPENINGS)} ${p.name} ${rng.pick(ACTIVITIES)}.`,
        `The river ${river} runs through ${p.town}.`,
      ]);
      docs.push(lines.join(' '));
    }
    docs.push(...rng.shuffle([...PARAGRAPHS]));
  }
  return rng.shuffle(docs);
}
