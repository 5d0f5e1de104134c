// Hover on a rule code or name inside an ignore comment: the rule's summary and a link to its page.
import { allRules, resolveRule } from '../rules';
import type { AnyModel } from '../model';
import { docsUrl, RULE_KIND_WORDS } from '../rules/rule';
import { SuppressionIndex } from '../suppression';
import { containsOffset, type Span } from '../text';
import { code, escapeText } from './markdown';

export function ignoreEntryCard(model: AnyModel, offset: number): { markdown: string; span: Span } | undefined {
  if (!model.text.includes('cache-mounts-ignore')) return undefined;
  for (const comment of SuppressionIndex.build(model, resolveRule).comments) {
    if (!containsOffset(comment.span, offset)) continue;
    const entry = comment.entries.find((e) => containsOffset(e.span, offset));
    if (!entry) return undefined;
    const rule = entry.rule && allRules().find((r) => r.meta.code === entry.rule!.code);
    if (!rule)
      return {
        markdown: `${code(entry.token)} is not a rule code or name: this entry ignores nothing.`,
        span: entry.span,
      };
    const { meta } = rule;
    const scope = comment.scope === 'file' ? 'in this whole file' : 'for the next instruction or line';
    const markdown = [
      `**${meta.code} ${escapeText(meta.name)}** (${RULE_KIND_WORDS[meta.kind]}, default ${meta.defaultSeverity}): ignored ${scope}.`,
      '',
      meta.docs.what.trim(),
      '',
      `[Rule documentation](${docsUrl(meta)})`,
    ].join('\n');
    return { markdown, span: entry.span };
  }
  return undefined;
}
