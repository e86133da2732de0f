CREATE TABLE `panels` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`module` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`url` varchar(500) NOT NULL,
	`credentials` text NOT NULL,
	`options` json NOT NULL,
	`group_key` varchar(60),
	`capacity` int,
	`sort_order` int NOT NULL DEFAULT 0,
	`enabled` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `panels_id` PRIMARY KEY(`id`),
	CONSTRAINT `panels_public_id_uq` UNIQUE(`public_id`)
);
--> statement-breakpoint
CREATE TABLE `provisioning_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_id` bigint unsigned NOT NULL,
	`request_id` bigint unsigned,
	`action` varchar(40) NOT NULL,
	`attempt` int NOT NULL DEFAULT 1,
	`method` varchar(10),
	`path` varchar(500),
	`request_summary` text,
	`response_status` int,
	`response_excerpt` text,
	`duration_ms` int,
	`error` varchar(500),
	`ok` boolean NOT NULL,
	`actor` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `provisioning_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `provisioning_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`service_id` bigint unsigned NOT NULL,
	`action` enum('provision','suspend','unsuspend','terminate','change_package') NOT NULL,
	`status` enum('queued','running','done','waiting','failed') NOT NULL DEFAULT 'queued',
	`attempts` int NOT NULL DEFAULT 0,
	`last_error` varchar(500),
	`requested_by` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`finished_at` datetime(3),
	CONSTRAINT `provisioning_requests_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `services` ADD `panel_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `services` ADD `panel_ref` varchar(255);--> statement-breakpoint
ALTER TABLE `services` ADD `provisioning_status` enum('none','queued','provisioning','building','active','awaiting_hardware','failed') DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `provisioning_error` varchar(500);--> statement-breakpoint
ALTER TABLE `services` ADD `details` json;--> statement-breakpoint
ALTER TABLE `services` ADD `credentials` text;--> statement-breakpoint
ALTER TABLE `services` ADD `provisioned_at` datetime(3);--> statement-breakpoint
CREATE INDEX `panels_group_idx` ON `panels` (`group_key`,`sort_order`);--> statement-breakpoint
CREATE INDEX `provisioning_log_service_idx` ON `provisioning_log` (`service_id`,`id`);--> statement-breakpoint
CREATE INDEX `provisioning_requests_service_idx` ON `provisioning_requests` (`service_id`,`id`);--> statement-breakpoint
CREATE INDEX `provisioning_requests_status_idx` ON `provisioning_requests` (`status`,`created_at`);