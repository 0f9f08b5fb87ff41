SELECT strftime(date, '%Y-%m-%d') AS date, pos, model, rank, rank_lo AS "rankLo", rank_hi AS "rankHi", rank_style AS "rankStyle",
  round(score, 6) AS score, round(ci_plus, 6) AS "ciPlus", round(ci_minus, 6) AS "ciMinus", preliminary, votes,
  organization, license, url, round(price_input, 6) AS "priceInput", round(price_output, 6) AS "priceOutput", context,
  round(params_b, 6) AS "paramsB"
FROM leaderboard_entry
WHERE board = $board AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)
ORDER BY date, pos
