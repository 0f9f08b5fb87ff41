-- The load id of the current generation of the model dimension and the roll-ups (migration 9): the newest complete
-- snapshot's load among the listed generations. Every ClickHouse read of `model_dim_rows` names it.
(SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT load_id FROM dim_generation))
