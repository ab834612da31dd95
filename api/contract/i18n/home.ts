// The home page's own words: the way in for joiners, the "going ahead" mark of a confirmed deal
// with seats left, and how it works in three steps. Only the home page says them, and the first
// part of the catalogue (which the deal page, where shared links land, loads too) has no room to
// spare: each language is a small module of its own (<lang>/home.ts), in the home page's chunk.
export interface HomeWords {
  findDeal: string;
  goingAhead: string;
  how: { title: string; steps: [Step, Step, Step] };
}

interface Step {
  title: string;
  text: string;
}
