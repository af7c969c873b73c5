/** Ticking the rows of a list and changing them together (the form itself is loaded lazily by each list). */
export { TickBox } from "./TickBox";
export { useTicked, type Ticked } from "./useTicked";
