ALTER TABLE `one_time_tokens` MODIFY COLUMN `purpose` enum('verify_email','reset_password','change_email','impersonate') NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `impersonator_staff_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `sessions` ADD `impersonation_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `one_time_tokens` ADD `detail` varchar(600);