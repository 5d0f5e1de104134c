// The hover section for findings under the cursor: the one-sentence message is in the Problems panel;
// here go the why and the evidence (the finding's detail) and the link to the rule page.
import { docsUrl, type Finding } from '../rules/rule';
import { containsOffset } from '../text';
import { escapeText } from './markdown';

export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.detail !== '' && containsOffset(f.span, offset));
}

export function findingCard(findings: readonly Finding[]): string {
  return findings
    .map((f) => `**${f.code} ${f.name}**: ${escapeText(f.detail)} ([rule page](${docsUrl(f)}))`)
    .join('\n\n');
}
