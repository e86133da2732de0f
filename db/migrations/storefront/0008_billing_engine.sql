CREATE TABLE `invoice_notices` (
	`invoice_id` bigint unsigned NOT NULL,
	`kind` enum('reminder','due','overdue_1','overdue_2','overdue_3','late_fee') NOT NULL,
	`sent` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `invoice_notices_invoice_id_kind_pk` PRIMARY KEY(`invoice_id`,`kind`)
);
--> statement-breakpoint
CREATE TABLE `service_billing_periods` (
	`service_id` bigint unsigned NOT NULL,
	`period_start` date NOT NULL,
	`period_end` date NOT NULL,
	`invoice_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `service_billing_periods_service_id_period_start_pk` PRIMARY KEY(`service_id`,`period_start`)
);
--> statement-breakpoint
ALTER TABLE `services` ADD `suspension_reason` enum('overdue','abuse','staff','other');--> statement-breakpoint
ALTER TABLE `services` ADD `anchor_day` int;--> statement-breakpoint
ALTER TABLE `services` ADD `cancellation_requested_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD `cancellation_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `services` ADD `suspended_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD `terminated_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD `cancelled_at` datetime(3);--> statement-breakpoint
CREATE INDEX `sbp_invoice_idx` ON `service_billing_periods` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `services_status_due_idx` ON `services` (`status`,`next_due_on`);