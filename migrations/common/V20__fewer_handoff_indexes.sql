-- Every decision rewrites a handoff's entry in each of its indexes; these two are read by nothing. handoffs_period
-- begins with received_at, so it serves every range of received times handoffs_received did; handoffs_decided_by
-- served a rep's own numbers, which the App Home now counts with the team's in one read of handoffs_period.
DROP INDEX handoffs_received;
DROP INDEX handoffs_decided_by;
