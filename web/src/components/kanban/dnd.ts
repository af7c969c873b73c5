/** Native drag and drop of board cards between columns (pragmatic-drag-and-drop), shared by every board: a card is
 * draggable, a column a drop target, and the board watches for drops. Cards say their board by a ``type``. */
import {
  draggable, dropTargetForElements, monitorForElements,
} from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { useEffect, useRef, useState, type RefObject } from "react";

/** What a card carries while dragged: its board's type, its id and column, and what the drop needs of it. */
export interface CardDrag {
  type: string;
  id: string;
  stage: string;
  [key: string]: unknown;
}

/** Makes the element a draggable card while ``enabled``; says whether it is being dragged. */
export function useDraggableCard(element: RefObject<HTMLElement | null>, enabled: boolean, data: CardDrag): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    if (!enabled || !element.current) return undefined;
    return draggable({
      element: element.current,
      getInitialData: () => ({ ...latest.current }),
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false),
    });
  }, [enabled, element, data.type, data.id, data.stage]);
  return dragging;
}

/** Makes the element the drop target of column ``stage`` for cards of ``type`` from other columns; says whether a
 * card is over it. */
export function useDropColumn(element: RefObject<HTMLElement | null>, enabled: boolean, type: string,
  stage: string): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!enabled || !element.current) return undefined;
    return dropTargetForElements({
      element: element.current,
      getData: () => ({ stage }),
      canDrop: ({ source }) => source.data.type === type && source.data.stage !== stage,
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: () => setOver(false),
    });
  }, [enabled, element, type, stage]);
  return over;
}

/** Calls ``onDrop`` when a card of ``type`` is dropped on another column. */
export function useCardDrops(type: string, enabled: boolean, onDrop: (card: CardDrag, toStage: string) => void): void {
  const latest = useRef(onDrop);
  latest.current = onDrop;
  useEffect(() => {
    if (!enabled) return undefined;
    return monitorForElements({
      canMonitor: ({ source }) => source.data.type === type,
      onDrop: ({ source, location }) => {
        const toStage = location.current.dropTargets[0]?.data.stage as string | undefined;
        const card = source.data as CardDrag;
        if (toStage && toStage !== card.stage) latest.current(card, toStage);
      },
    });
  }, [type, enabled]);
}
