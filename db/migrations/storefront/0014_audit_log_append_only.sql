-- The audit log is append-only, enforced by the database rather than by convention: no UPDATE ever, and DELETE
-- only from the retention job (lib/audit/prune-audit-log.ts), which marks its own session, and only for rows older
-- than 365 days. Creating triggers on MySQL 8 with binary logging needs SUPER or log_bin_trust_function_creators=1.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: rows are never updated';
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` FOR EACH ROW
BEGIN
  IF COALESCE(@ezscale_audit_retention, 0) <> 1 OR OLD.`created_at` >= NOW(3) - INTERVAL 365 DAY THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: only the retention job removes rows, and only after 365 days';
  END IF;
END;
