CREATE TABLE `custom_domains` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`storefront_id` bigint unsigned NOT NULL,
	`domain` varchar(240) NOT NULL,
	`verify_token` varchar(64) NOT NULL,
	`status` enum('pending','verified','failed') NOT NULL DEFAULT 'pending',
	`checks` int unsigned NOT NULL DEFAULT 0,
	`next_check_at` datetime(3),
	`check_until` datetime(3) NOT NULL,
	`last_checked_at` datetime(3),
	`last_error` varchar(1000),
	`verified_at` datetime(3),
	`failed_at` datetime(3),
	`notified_status` enum('verified','failed'),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `custom_domains_id` PRIMARY KEY(`id`),
	CONSTRAINT `custom_domains_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `custom_domains_sf_domain_uq` UNIQUE(`storefront_id`,`domain`)
);
--> statement-breakpoint
CREATE INDEX `custom_domains_due_idx` ON `custom_domains` (`status`,`next_check_at`);--> statement-breakpoint
CREATE INDEX `custom_domains_domain_idx` ON `custom_domains` (`domain`);