CREATE TABLE `storefront_hostnames` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`hostname` varchar(253) NOT NULL,
	`storefront_id` bigint unsigned NOT NULL,
	`area` enum('marketing','account','admin') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `storefront_hostnames_id` PRIMARY KEY(`id`),
	CONSTRAINT `storefront_hostnames_hostname_uq` UNIQUE(`hostname`)
);
--> statement-breakpoint
CREATE TABLE `storefronts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slug` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`kind` enum('retail','reseller') NOT NULL DEFAULT 'reseller',
	`status` enum('active','suspended') NOT NULL DEFAULT 'active',
	`tagline` varchar(255),
	`brand_color` varchar(7) NOT NULL DEFAULT '#2563eb',
	`db_server_url` varchar(500),
	`db_name` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `storefronts_id` PRIMARY KEY(`id`),
	CONSTRAINT `storefronts_slug_uq` UNIQUE(`slug`),
	CONSTRAINT `storefronts_db_name_uq` UNIQUE(`db_name`)
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`job_key` varchar(191) NOT NULL,
	`queue` varchar(40) NOT NULL,
	`name` varchar(100) NOT NULL,
	`storefront_id` bigint unsigned,
	`status` enum('running','completed','failed') NOT NULL,
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` text,
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `job_runs_id` PRIMARY KEY(`id`),
	CONSTRAINT `job_runs_key_uq` UNIQUE(`job_key`)
);
--> statement-breakpoint
CREATE TABLE `platform_settings` (
	`key` varchar(100) NOT NULL,
	`value` json NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `platform_settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE INDEX `storefront_hostnames_sf_idx` ON `storefront_hostnames` (`storefront_id`);--> statement-breakpoint
CREATE INDEX `job_runs_status_idx` ON `job_runs` (`status`,`updated_at`);