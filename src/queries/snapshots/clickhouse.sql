SELECT toString(d) AS date, source, status, models, downloads, malformed,
  formatDateTime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started, formatDateTime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished,
  coverage, coverage_how AS coverageHow
FROM (SELECT date AS d, source, status, model_count AS models, downloads, malformed, started_at, finished_at, coverage,
  coverage_how FROM snapshot)
ORDER BY d DESC
