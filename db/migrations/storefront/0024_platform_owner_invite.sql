ALTER TABLE `staff_invites` MODIFY COLUMN `invited_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `staff_invites` ADD `dedupe_key` varchar(100);--> statement-breakpoint
ALTER TABLE `staff_invites` ADD CONSTRAINT `staff_invites_dedupe_uq` UNIQUE(`dedupe_key`);