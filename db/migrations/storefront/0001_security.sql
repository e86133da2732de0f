CREATE TABLE `mfa_recovery_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`principal_type` enum('customer','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`code_hash` char(64) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `mfa_recovery_codes_id` PRIMARY KEY(`id`),
	CONSTRAINT `mfa_recovery_codes_hash_uq` UNIQUE(`principal_type`,`principal_id`,`code_hash`)
);
--> statement-breakpoint
CREATE TABLE `mfa_totp` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`principal_type` enum('customer','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`secret_encrypted` varchar(255) NOT NULL,
	`confirmed_at` datetime(3),
	`last_used_step` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `mfa_totp_id` PRIMARY KEY(`id`),
	CONSTRAINT `mfa_totp_principal_uq` UNIQUE(`principal_type`,`principal_id`)
);
--> statement-breakpoint
CREATE TABLE `one_time_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`purpose` enum('verify_email','reset_password','change_email') NOT NULL,
	`principal_type` enum('customer','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`token_hash` char(64) NOT NULL,
	`new_email` varchar(254),
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `one_time_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `one_time_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `mfa_pending` boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `one_time_tokens_principal_idx` ON `one_time_tokens` (`principal_type`,`principal_id`,`purpose`);