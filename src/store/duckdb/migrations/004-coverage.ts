/** Migration 004: what each snapshot covers (issue 11: coverage-aware comparisons). */
export const sql = `
-- 004: coverage of each snapshot: 'full' (an unfiltered listing walked to its last page, or a file stated to be one)
-- or 'partial', and how it was selected, in words. Snapshots loaded before this migration are 'partial', how unknown.
ALTER TABLE snapshot ADD COLUMN coverage VARCHAR DEFAULT 'partial';
ALTER TABLE snapshot ADD COLUMN coverage_how VARCHAR DEFAULT 'not recorded (loaded before omo recorded coverage)';
`;
