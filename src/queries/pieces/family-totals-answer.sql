-- family-totals' answer over `fam` and `named`: the walking and stored texts' one end.
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date,
  count(*) FILTER (WHERE depth = 0) AS officialRepos, coalesce(sum(downloads) FILTER (WHERE depth = 0), 0) AS officialDownloads,
  count(*) FILTER (WHERE depth > 0) AS derivativeRepos, coalesce(sum(downloads) FILTER (WHERE depth > 0), 0) AS derivativeDownloads,
  count(*) AS totalRepos, coalesce(sum(downloads), 0) AS totalDownloads,
  (SELECT count(*) FROM named) AS nameOnlyRepos, (SELECT coalesce(sum(downloads), 0) FROM named) AS nameOnlyDownloads
FROM fam
