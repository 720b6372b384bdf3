// Scheduling of background work inside one process (workers that lease across replicas build on it).
export { PeriodicTask, type PeriodicTaskOptions } from './periodic-task.js';
