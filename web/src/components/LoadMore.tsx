import { useTranslation } from "react-i18next";

/** What the button needs of an infinite query (TanStack Query's ``useInfiniteQuery`` result). */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** A list's "Load more" button: shown while there is a next page, busy while it loads. */
export function LoadMore({ pages }: { pages: PagedList }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <button type="button" className="load-more" onClick={() => void pages.fetchNextPage()}
      disabled={pages.isFetchingNextPage}>
      {pages.isFetchingNextPage ? t("app.loading") : t("common.loadMore")}
    </button>
  );
}
