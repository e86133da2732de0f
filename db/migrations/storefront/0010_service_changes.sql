CREATE TABLE `service_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_id` bigint unsigned NOT NULL,
	`pending_service_id` bigint unsigned,
	`kind` enum('upgrade','downgrade') NOT NULL,
	`status` enum('pending','applied','cancelled') NOT NULL DEFAULT 'pending',
	`from_plan_id` bigint unsigned NOT NULL,
	`to_plan_id` bigint unsigned NOT NULL,
	`from_recurring_minor` bigint NOT NULL,
	`to_recurring_minor` bigint NOT NULL,
	`new_selection` json NOT NULL,
	`period_start` date NOT NULL,
	`period_end` date NOT NULL,
	`remaining_days` int NOT NULL,
	`total_days` int NOT NULL,
	`amount_minor` bigint NOT NULL,
	`invoice_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`applied_at` datetime(3),
	CONSTRAINT `service_changes_id` PRIMARY KEY(`id`),
	CONSTRAINT `service_changes_pending_uq` UNIQUE(`pending_service_id`)
);
--> statement-breakpoint
CREATE INDEX `service_changes_service_idx` ON `service_changes` (`service_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_changes_invoice_idx` ON `service_changes` (`invoice_id`);