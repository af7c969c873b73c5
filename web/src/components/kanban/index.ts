/** The parts every board is made of (the deals board, the lead board): columns that take dropped cards, draggable
 * cards with a keyboard alternative, and the dialog that moves a card. */
export { KanbanBoard } from "./KanbanBoard";
export { KanbanCard } from "./KanbanCard";
export { KanbanColumn } from "./KanbanColumn";
export { MoveDialog, type MoveTarget, type MoveTexts } from "./MoveDialog";
export type { CardDrag } from "./dnd";
