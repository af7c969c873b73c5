/** The partners screens' text, in English and Greek (loaded with the feature's pages). */
import { el } from "./textsEl";
import { en } from "./textsEn";

export const texts = { en, el };
