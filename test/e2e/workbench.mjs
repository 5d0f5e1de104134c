// What a person does in the VS Code workbench, as Playwright steps on its DOM: open a file with Quick Open,
// move the cursor with Go to Line, read the editor's text, the squiggles, the Problems panel, hovers and the
// quick-fix menu. Every wait is on DOM state (Playwright's auto-waiting locators), never a fixed sleep.
// Selectors are VS Code 1.100's (code-server 4.100.3).

export const TIMEOUT = Number(process.env.DCM_E2E_TIMEOUT_MS || 60_000);

/** @param {import('playwright-core').Page} page */
export function workbench(page) {
  const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const quickInput = page.locator('.quick-input-widget');
  const problems = page.locator('.markers-panel');

  async function quickOpen(prefix, text) {
    await page.keyboard.press('Control+P');
    await quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
    const box = quickInput.locator('input').first();
    await box.fill(prefix + text);
    return box;
  }

  return {
    editor,

    async waitForWorkbench(fileName) {
      await page.locator('.monaco-workbench').waitFor({ timeout: 3 * TIMEOUT });
      // The explorer lists the fixture folder: the workspace is open and the file service answers.
      await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`).first().waitFor({ timeout: 3 * TIMEOUT });
    },

    /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its tab is the active one. */
    async openFile(relativePath) {
      const name = relativePath.split('/').pop();
      const exactName = { has: page.locator('.label-name', { hasText: new RegExp(`^${escape(name)}$`) }) };
      const dir = relativePath.includes('/') ? relativePath.slice(0, relativePath.lastIndexOf('/')) : '';
      await quickOpen('', relativePath);
      // Enter only once the list has settled with this very file on the focused (first) row: a click could
      // land on a row that the still-updating list moves under the pointer.
      let focusedRow = quickInput.locator('.monaco-list-row.focused').filter(exactName);
      if (dir) focusedRow = focusedRow.filter({ has: page.locator('.label-description', { hasText: dir }) });
      await focusedRow.waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: TIMEOUT });
      await page.locator('.editor-group-container.active .tab.active').filter(exactName).waitFor({ timeout: TIMEOUT });
      await editor().locator('.view-lines').waitFor({ timeout: TIMEOUT });
      await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: TIMEOUT });
    },

    /** Go to Line/Column (Ctrl+G), 1-based like the status bar. */
    async goTo(line, column) {
      await page.keyboard.press('Control+G');
      await quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.keyboard.type(`${line}:${column}`);
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: TIMEOUT });
      await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: TIMEOUT });
    },

    /** The active editor's text as shown (Monaco renders spaces as U+00A0). Short files only: all lines visible. */
    async text() {
      return editor().locator('.view-lines').evaluate((el) =>
        [...el.querySelectorAll('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => l.textContent.replace(/\u00a0/g, ' '))
          .join('\n'));
    },

    async waitForText(predicate, what) {
      const deadline = Date.now() + TIMEOUT;
      let last = '';
      while (Date.now() < deadline) {
        last = await this.text();
        if (predicate(last)) return last;
        // Re-read on the next DOM mutation of the editor's lines (or after 1 s at most).
        await editor().locator('.view-lines').evaluate((el) => new Promise((resolve) => {
          const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
          obs.observe(el, { subtree: true, childList: true, characterData: true });
          setTimeout(() => { obs.disconnect(); resolve(); }, 1000);
        }));
      }
      throw new Error(`editor text never ${what}; it is:\n${last}`);
    },

    /** Squiggles in the active editor: severity is error | warning | info | hint. */
    squiggles(severity) {
      return editor().locator(`.squiggly-${severity}`);
    },

    async showProblems() {
      if (!(await problems.isVisible())) await page.keyboard.press('Control+Shift+M');
      await problems.waitFor({ state: 'visible', timeout: TIMEOUT });
    },

    /** Rows of the Problems panel whose text contains `text`. */
    problemRows(text) {
      return problems.locator('.monaco-list-row', { hasText: text });
    },

    /** Moves the mouse onto the middle of `locator` and waits for a hover containing `text`. */
    async hover(locator, text) {
      const box = await locator.boundingBox();
      if (!box) throw new Error('the element to hover is not on screen');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
      await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
      return hover;
    },

    /** Opens the quick-fix menu at the cursor (Ctrl+.) and waits until it lists `title`. */
    async quickFixMenu(title) {
      await page.keyboard.press('Control+.');
      try {
        await this.quickFixItem(title).waitFor({ state: 'visible', timeout: 15_000 });
      } catch {
        // Seen once in CI: "No code actions available" although the diagnostic was shown (a request that
        // raced the diagnostics; under investigation, see the closing note). Ask again, as a user would.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        await this.quickFixItem(title).waitFor({ state: 'visible', timeout: TIMEOUT });
      }
    },

    quickFixItem(title) {
      return page.locator(`.action-widget .monaco-list-row.action[aria-label="${attr(title)}"]`);
    },

    /** In the open quick-fix menu, moves to `title` with the arrow keys and applies it with Enter. */
    async applyQuickFix(title) {
      const rows = page.locator('.action-widget .monaco-list-row.action');
      const labels = await rows.evaluateAll((els) => els
        .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
        .map((e) => ({ label: e.getAttribute('aria-label'), focused: e.classList.contains('focused') })));
      const target = labels.findIndex((l) => l.label === title);
      const focused = Math.max(0, labels.findIndex((l) => l.focused));
      if (target < 0) throw new Error(`no quick fix "${title}" in the menu: ${labels.map((l) => l.label).join(' | ')}`);
      for (let i = focused; i < target; i++) await page.keyboard.press('ArrowDown');
      for (let i = focused; i > target; i--) await page.keyboard.press('ArrowUp');
      await page.locator(`.action-widget .monaco-list-row.action.focused[aria-label="${attr(title)}"]`).waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
    },

    async closeOverlays() {
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
    },
  };
}

function attr(s) {
  return s.replace(/["\\]/g, '\\$&');
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
