// A route module registers one area's endpoints; the list in index.ts is the table of contents.
import type { FastifyInstance } from 'fastify';
import type { StewardServices } from '../services.js';

export type RouteModule = (app: FastifyInstance, services: StewardServices) => Promise<void> | void;
