CREATE TABLE `reseller_applications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`company` varchar(160) NOT NULL,
	`email` varchar(254) NOT NULL,
	`website` varchar(255),
	`message` text NOT NULL,
	`status` enum('pending','approved','rejected') NOT NULL DEFAULT 'pending',
	`reviewed_by` varchar(254),
	`reviewed_at` datetime(3),
	`review_note` varchar(500),
	`ip` varchar(45),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reseller_applications_id` PRIMARY KEY(`id`),
	CONSTRAINT `reseller_applications_public_id_uq` UNIQUE(`public_id`)
);
--> statement-breakpoint
CREATE TABLE `reseller_pipeline_steps` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`reseller_id` bigint unsigned NOT NULL,
	`step` enum('database','migrate','seed','hostnames','branding','invite','activate','welcome') NOT NULL,
	`position` smallint unsigned NOT NULL,
	`status` enum('pending','running','done','failed') NOT NULL DEFAULT 'pending',
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`error` text,
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reseller_pipeline_steps_id` PRIMARY KEY(`id`),
	CONSTRAINT `reseller_pipeline_steps_uq` UNIQUE(`reseller_id`,`step`)
);
--> statement-breakpoint
CREATE TABLE `reseller_program_fees` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`monthly_fee_minor` bigint NOT NULL,
	CONSTRAINT `reseller_program_fees_id` PRIMARY KEY(`id`),
	CONSTRAINT `reseller_program_fees_uq` UNIQUE(`program_id`,`currency`)
);
--> statement-breakpoint
CREATE TABLE `reseller_programs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slug` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`unpaid_days_before_suspension` smallint unsigned NOT NULL DEFAULT 14,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reseller_programs_id` PRIMARY KEY(`id`),
	CONSTRAINT `reseller_programs_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `resellers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(40) NOT NULL,
	`storefront_id` bigint unsigned NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`owner_email` varchar(254) NOT NULL,
	`owner_name` varchar(120),
	`status` enum('provisioning','active','suspended','failed') NOT NULL DEFAULT 'provisioning',
	`suspension_reason` varchar(255),
	`suspended_at` datetime(3),
	`activated_at` datetime(3),
	`application_id` bigint unsigned,
	`created_by` varchar(254) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `resellers_id` PRIMARY KEY(`id`),
	CONSTRAINT `resellers_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `resellers_storefront_uq` UNIQUE(`storefront_id`),
	CONSTRAINT `resellers_application_uq` UNIQUE(`application_id`)
);
--> statement-breakpoint
ALTER TABLE `storefronts` MODIFY COLUMN `status` enum('active','suspended','provisioning') NOT NULL DEFAULT 'active';--> statement-breakpoint
CREATE INDEX `reseller_applications_status_idx` ON `reseller_applications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `resellers_status_idx` ON `resellers` (`status`);--> statement-breakpoint
CREATE INDEX `resellers_program_idx` ON `resellers` (`program_id`);