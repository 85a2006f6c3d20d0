-- PostgreSQL only (db/vendor/postgresql): planning of the engine's queries, docs/performance.md.
-- IF NOT EXISTS: databases of earlier versions got both at start-up already.

-- Tuning 1: every task query of an authenticated user tests permission bits of ACT_RU_AUTHORIZATION
-- (PERMS_ & 2 = 2). Without statistics on these expressions PostgreSQL guesses 0.5 % of the rows and
-- compares every task with every authorization. READ (2) on tasks and instances, READ_TASK (64) and
-- READ_INSTANCE (512) on process definitions; every (auto)ANALYZE keeps them current.
CREATE STATISTICS IF NOT EXISTS csmflow_authorization_perms
    ON (perms_ & 2), (perms_ & 64), (perms_ & 512) FROM act_ru_authorization;
ANALYZE act_ru_authorization;

-- Tuning 9: completing or cancelling a task looks for its subtasks (PARENT_TASK_ID_ = ?), a column
-- Camunda's PostgreSQL schema does not index: a scan of every open task for every completed one.
CREATE INDEX IF NOT EXISTS csmflow_idx_task_parent ON act_ru_task (parent_task_id_);
