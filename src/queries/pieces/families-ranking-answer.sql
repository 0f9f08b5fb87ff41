-- families-ranking's answer over `fam` (each family's members at the snapshot): the walking and stored texts' one end.
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, f.family,
  count(x.family) FILTER (WHERE x.depth = 0) AS officialRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth = 0), 0) AS officialDownloads,
  count(x.family) FILTER (WHERE x.depth > 0) AS derivativeRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth > 0), 0) AS derivativeDownloads,
  count(x.family) AS totalRepos, coalesce(sum(x.downloads), 0) AS totalDownloads
FROM fams f LEFT JOIN fam x ON x.family = f.family
GROUP BY f.family
ORDER BY totalDownloads DESC, f.family
