// A wide table's horizontal scroller. It takes keyboard focus so that people who cannot use a mouse
// can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable), and is named for screen readers.
import type { ReactNode } from 'react';

export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
