CREATE TABLE `team_invites` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`owner_id` bigint unsigned NOT NULL,
	`email` varchar(254) NOT NULL,
	`permissions` json NOT NULL,
	`token_hash` char(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`accepted_at` datetime(3),
	`revoked` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `team_invites_id` PRIMARY KEY(`id`),
	CONSTRAINT `team_invites_token_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`owner_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`permissions` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `team_members_id` PRIMARY KEY(`id`),
	CONSTRAINT `team_members_pair_uq` UNIQUE(`owner_id`,`member_id`)
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `acting_for_customer_id` bigint unsigned;--> statement-breakpoint
CREATE INDEX `team_invites_owner_idx` ON `team_invites` (`owner_id`);--> statement-breakpoint
CREATE INDEX `team_members_member_idx` ON `team_members` (`member_id`);