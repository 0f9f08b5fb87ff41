SELECT strftime(date, '%Y-%m-%d') AS date, source, status, model_count AS models, downloads, malformed,
  strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished,
  coverage, coverage_how AS coverageHow
FROM snapshot ORDER BY date DESC
