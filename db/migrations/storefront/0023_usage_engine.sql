CREATE TABLE `plan_meter_prices` (
	`plan_meter_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`unit_price_minor` decimal(24,10) NOT NULL,
	CONSTRAINT `plan_meter_prices_pk` PRIMARY KEY(`plan_meter_id`,`currency`)
);
--> statement-breakpoint
CREATE TABLE `plan_meters` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`plan_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`aggregation` enum('sum','max','p95','unique_count') NOT NULL,
	`increment_step` decimal(24,6),
	`included_quantity` decimal(24,6) NOT NULL DEFAULT '0',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `plan_meters_id` PRIMARY KEY(`id`),
	CONSTRAINT `plan_meters_plan_meter_uq` UNIQUE(`plan_id`,`meter_code`)
);
--> statement-breakpoint
CREATE TABLE `usage_counters` (
	`service_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`period_start` date NOT NULL,
	`period_end` date NOT NULL,
	`aggregation` enum('sum','max','p95','unique_count') NOT NULL,
	`value` decimal(24,6) NOT NULL DEFAULT '0',
	`events` int NOT NULL DEFAULT 0,
	`unbilled` boolean NOT NULL DEFAULT true,
	`bill_on` date NOT NULL,
	`closed` boolean NOT NULL DEFAULT false,
	`last_closed_on` date,
	`billed_quantity` decimal(24,6) NOT NULL DEFAULT '0',
	`billed_charged_quantity` decimal(24,6) NOT NULL DEFAULT '0',
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `usage_counters_pk` PRIMARY KEY(`service_id`,`meter_code`,`period_start`)
);
--> statement-breakpoint
CREATE TABLE `usage_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`transaction_id` varchar(100) NOT NULL,
	`quantity` decimal(24,6) NOT NULL,
	`counted_quantity` decimal(24,6) NOT NULL,
	`unique_key` varchar(191),
	`occurred_at` datetime(3) NOT NULL,
	`period_start` date NOT NULL,
	`ingest_token` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `usage_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `usage_events_transaction_uq` UNIQUE(`service_id`,`transaction_id`)
);
--> statement-breakpoint
CREATE TABLE `usage_period_closings` (
	`service_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`period_start` date NOT NULL,
	`closed_on` date NOT NULL,
	`period_end` date NOT NULL,
	`late` boolean NOT NULL,
	`invoice_id` bigint unsigned,
	`quantity` decimal(24,6) NOT NULL,
	`charged_quantity` decimal(24,6) NOT NULL,
	`unit_price_minor` decimal(24,10) NOT NULL,
	`amount_minor` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `usage_period_closings_pk` PRIMARY KEY(`service_id`,`meter_code`,`period_start`,`closed_on`)
);
--> statement-breakpoint
CREATE TABLE `usage_samples` (
	`service_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`bucket_start` datetime NOT NULL,
	`period_start` date NOT NULL,
	`value` decimal(24,6) NOT NULL,
	CONSTRAINT `usage_samples_pk` PRIMARY KEY(`service_id`,`meter_code`,`bucket_start`)
);
--> statement-breakpoint
CREATE TABLE `usage_unique_keys` (
	`service_id` bigint unsigned NOT NULL,
	`meter_code` varchar(40) NOT NULL,
	`period_start` date NOT NULL,
	`unique_key` varchar(191) NOT NULL,
	`ingest_token` bigint unsigned NOT NULL,
	CONSTRAINT `usage_unique_keys_pk` PRIMARY KEY(`service_id`,`meter_code`,`period_start`,`unique_key`)
);
--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `quantity_precise` decimal(24,6);--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `unit_price_precise` decimal(24,10);--> statement-breakpoint
CREATE INDEX `usage_counters_due_idx` ON `usage_counters` (`unbilled`,`bill_on`,`service_id`);--> statement-breakpoint
CREATE INDEX `usage_period_closings_invoice_idx` ON `usage_period_closings` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `usage_samples_rank_idx` ON `usage_samples` (`service_id`,`meter_code`,`period_start`,`value`);