CREATE TABLE `storefront_settings` (
	`key` varchar(100) NOT NULL,
	`value` json NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `storefront_settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(120) NOT NULL,
	`password_hash` varchar(255),
	`country` char(2) NOT NULL,
	`currency` char(3) NOT NULL,
	`status` enum('active','closed') NOT NULL DEFAULT 'active',
	`email_verified_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `customers_id` PRIMARY KEY(`id`),
	CONSTRAINT `customers_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `customers_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`token_hash` char(64) NOT NULL,
	`principal_type` enum('customer','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`ip` varchar(45),
	`user_agent` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_seen_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `sessions_token_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(120) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('owner','administrator','billing','support','read_only') NOT NULL,
	`status` enum('active','disabled') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_users_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_users_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `product_groups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slug` varchar(60) NOT NULL,
	`name` varchar(120) NOT NULL,
	`description` text,
	`sort_order` int NOT NULL DEFAULT 0,
	`hidden` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `product_groups_id` PRIMARY KEY(`id`),
	CONSTRAINT `product_groups_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `admin_alerts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`severity` enum('info','warning','critical') NOT NULL,
	`category` varchar(60) NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` text NOT NULL,
	`dedupe_key` varchar(191),
	`discord_status` enum('not_configured','pending','sent','failed') NOT NULL,
	`discord_error` text,
	`acknowledged_at` datetime(3),
	`acknowledged_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `admin_alerts_id` PRIMARY KEY(`id`),
	CONSTRAINT `admin_alerts_dedupe_uq` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`dedupe_key` varchar(191),
	`to_address` varchar(254) NOT NULL,
	`template` varchar(60) NOT NULL,
	`props` json NOT NULL,
	`subject` varchar(255),
	`html` mediumtext,
	`text` mediumtext,
	`status` enum('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` text,
	`message_id` varchar(255),
	`sent_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `email_outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `email_outbox_dedupe_uq` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_type` enum('customer','team_member','staff','system') NOT NULL,
	`actor_id` bigint unsigned,
	`actor_label` varchar(254),
	`action` varchar(100) NOT NULL,
	`target_type` varchar(60),
	`target_id` varchar(64),
	`before` json,
	`after` json,
	`ip` varchar(45),
	`user_agent` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `sessions_principal_idx` ON `sessions` (`principal_type`,`principal_id`);--> statement-breakpoint
CREATE INDEX `admin_alerts_open_idx` ON `admin_alerts` (`acknowledged_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_status_idx` ON `email_outbox` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_type`,`actor_id`);