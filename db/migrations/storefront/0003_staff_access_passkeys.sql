CREATE TABLE `passkeys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`principal_type` enum('customer','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`credential_id` varchar(255) NOT NULL,
	`public_key` varchar(1024) NOT NULL,
	`sign_count` bigint unsigned NOT NULL DEFAULT 0,
	`transports` varchar(100),
	`name` varchar(60) NOT NULL,
	`last_used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `passkeys_id` PRIMARY KEY(`id`),
	CONSTRAINT `passkeys_credential_uq` UNIQUE(`credential_id`)
);
--> statement-breakpoint
CREATE TABLE `staff_invites` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(120) NOT NULL,
	`role` enum('owner','administrator','billing','support','read_only') NOT NULL,
	`token_hash` char(64) NOT NULL,
	`invited_by` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`accepted_at` datetime(3),
	`revoked` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_invites_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_invites_token_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `staff_roles` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`role` enum('owner','administrator','billing','support','read_only') NOT NULL,
	`permissions` json NOT NULL,
	`updated_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_roles_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_roles_role_uq` UNIQUE(`role`)
);
