-- A model's grade that is still less than 90% sure (issue #16). NULL for pushes
-- from apps that did not send the mark.
ALTER TABLE pupil_results ADD COLUMN preliminary boolean;
