// The leaf types every layer names: a finding's severity and the two kinds of file. Imports nothing.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type DocumentKind = 'dockerfile' | 'devcontainer';

/** The files a rule checks: one kind, or both (CM000, which judges the ignore comments of either). */
export type RuleKind = DocumentKind | 'any';
