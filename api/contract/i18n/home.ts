// The home page's own words: its title and pitch, the way in for joiners, how it works in three
// steps, its two lists of deals (and what they say when empty), and the "going ahead" mark of a
// confirmed deal with seats left. Only the home page says them, and the first
// part of the catalogue (which the deal page, where shared links land, loads too) has no room to
// spare: each language is a small module of its own (<lang>/home.ts), in the home page's chunk.
export interface HomeWords {
  title: string;
  pitch: string;
  /** The deals that can be joined now, and the ones that recently tipped. */
  open: List;
  tipped: List;
  findDeal: string;
  goingAhead: string;
  how: { title: string; steps: [Step, Step, Step] };
}

interface Step {
  title: string;
  text: string;
}

interface List {
  title: string;
  empty: string;
}
