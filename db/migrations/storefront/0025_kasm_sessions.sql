CREATE TABLE `kasm_balance_notices` (
	`customer_id` bigint unsigned NOT NULL,
	`period_start` varchar(10) NOT NULL,
	`level` enum('half','fifth','empty') NOT NULL,
	`currency` char(3) NOT NULL,
	`credit_minor` bigint NOT NULL,
	`remaining_minor` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `kasm_balance_notices_pk` PRIMARY KEY(`customer_id`,`period_start`,`level`)
);
--> statement-breakpoint
CREATE TABLE `kasm_desktop_settings` (
	`service_id` bigint unsigned NOT NULL,
	`idle_stop_minutes` int,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `kasm_desktop_settings_service_id` PRIMARY KEY(`service_id`)
);
--> statement-breakpoint
CREATE TABLE `kasm_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_id` bigint unsigned NOT NULL,
	`panel_id` bigint unsigned NOT NULL,
	`kasm_id` varchar(64) NOT NULL,
	`kasm_url` varchar(1000),
	`status` enum('starting','running','stopped') NOT NULL,
	`source` enum('app','tracker','staff_correction') NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3),
	`stopped_at` datetime(3),
	`end_reason` enum('customer','staff','vanished','max_length','idle','no_credit','correction'),
	`billed_minutes` int,
	`billed_at` datetime(3),
	`reason` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `kasm_sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `kasm_sessions_panel_kasm_uq` UNIQUE(`panel_id`,`kasm_id`)
);
--> statement-breakpoint
CREATE INDEX `kasm_sessions_service_idx` ON `kasm_sessions` (`service_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `kasm_sessions_status_idx` ON `kasm_sessions` (`status`,`billed_at`);