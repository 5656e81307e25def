import { Grid } from 'antd';
import type { Breakpoint, ThemeConfig } from 'antd';

/**
 * The console on a phone (below antd's md, 768 px): the layout's menu is a drawer, cards and table cells pad less
 * (PHONE_THEME), tables show their primary columns and scroll sideways only when those still do not fit, forms are
 * one column (ModalForm is vertical; grids use xs: 24).
 */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** Spread into a secondary column: shown from md up, hidden on phones (`{ title, dataIndex, ...SECONDARY }`). */
export const SECONDARY: { responsive: Breakpoint[] } = { responsive: ['md'] };

/**
 * A table's `scroll`: from md up its full width `x`. On a phone, `wrap` (lists of text): as wide as the screen,
 * cells wrapping, wider only when what they hold cannot wrap; `columns` (columns of set widths, bars, a fixed first
 * column): as wide as the columns it still shows, scrolling sideways when they do not fit.
 */
export function useTableScroll(x: number | 'max-content', phone: 'wrap' | 'columns' = 'wrap'): { x: number | 'max-content' | true } {
  if (!useIsPhone()) return { x };
  return { x: phone === 'wrap' ? true : 'max-content' };
}

/** What the layout puts around a page on a phone: the screen is narrow, every pixel of padding counts. */
export const PHONE_THEME: ThemeConfig = {
  components: {
    Card: { bodyPadding: 12, headerPadding: 12 },
    Table: { cellPaddingInline: 8, cellPaddingInlineMD: 8 },
  },
};
