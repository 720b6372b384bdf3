// A small invented world (people, towns, trades, colours) that the pretraining corpus describes
// and the factual Q&A task asks about. Fixed lists, so every rerun of the recipe sees the same world.

export const PEOPLE = [
  'Mira', 'Tomas', 'Anya', 'Bram', 'Cora', 'Dario', 'Elin', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas',
  'Kira', 'Leon', 'Maja', 'Nils', 'Olga', 'Pavel', 'Rosa', 'Sven', 'Tilda', 'Ugo', 'Vera', 'Wim',
] as const;
export const TOWNS = ['Oakford', 'Riverton', 'Stonebridge', 'Ashby', 'Millbrook', 'Northwick', 'Fairhaven', 'Greywater'] as const;
export const TRADES = ['baker', 'farmer', 'teacher', 'smith', 'doctor', 'painter', 'fisher', 'weaver', 'miller', 'potter'] as const;
export const COLOURS = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'white', 'black'] as const;
export const RIVERS = ['Lune', 'Aire', 'Wye', 'Tamar', 'Ouse', 'Exe', 'Taw', 'Kent'] as const;

/** What the world says about one person. */
export interface PersonFacts {
  name: string;
  town: string;
  trade: string;
  colour: string;
}

/** Facts are a fixed function of the person's index, so they never depend on a seed. */
export function worldFacts(): PersonFacts[] {
  return PEOPLE.map((name, i) => ({
    name,
    town: TOWNS[(i * 3 + 1) % TOWNS.length],
    trade: TRADES[(i * 7 + 2) % TRADES.length],
    colour: COLOURS[(i * 5 + 3) % COLOURS.length],
  }));
}

/** The river that runs through a town. */
export function riverOf(town: string): string {
  return RIVERS[TOWNS.indexOf(town as (typeof TOWNS)[number])];
}
