-- PostgreSQL only: the order in which Tasklist's group filters list open tasks (docs/performance.md,
-- tuning 20). The filters sort by due date, then newest first; without an index PostgreSQL sorts every
-- open task of the group (wide rows, under DISTINCT) for each page of 15, which grows with the queue
-- (issue 22: 1,000,000 open tasks). With it the plan can read tasks in that order and stop after a page.
CREATE INDEX IF NOT EXISTS csmflow_idx_task_due_created ON act_ru_task (due_date_, create_time_ DESC);
