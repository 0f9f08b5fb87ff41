SELECT toString(d) AS date, pos, model, rank, rank_lo AS rankLo, rank_hi AS rankHi, rank_style AS rankStyle,
  round(score, 6) AS score, round(ci_plus, 6) AS ciPlus, round(ci_minus, 6) AS ciMinus, preliminary, votes,
  organization, license, url, round(price_input, 6) AS priceInput, round(price_output, 6) AS priceOutput, context,
  round(params_b, 6) AS paramsB
FROM (SELECT date AS d, * FROM leaderboard_entry
  WHERE board = $board AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ORDER BY d, pos
