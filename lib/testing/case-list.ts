import type { CaseCount, CaseListPage } from "@/lib/data/case-list";

/** A case list page with its count awaited, as the browser ends up showing it. */
export async function settled(
  page: CaseListPage | Promise<CaseListPage>,
): Promise<Omit<CaseListPage, "count"> & CaseCount> {
  const { count, ...rest } = await page;
  return { ...rest, ...(await count) };
}
