CREATE TABLE `payment_disputes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`gateway` varchar(32) NOT NULL,
	`gateway_dispute_id` varchar(255) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`transaction_id` bigint unsigned NOT NULL,
	`invoice_id` bigint unsigned,
	`amount_minor` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`reason` varchar(64) NOT NULL,
	`status` enum('needs_response','under_review','closed') NOT NULL,
	`gateway_status` varchar(40) NOT NULL,
	`outcome` enum('won','lost'),
	`evidence_due_by` datetime(3),
	`gateway_as_of` datetime(3) NOT NULL,
	`opened_at` datetime(3) NOT NULL,
	`closed_at` datetime(3),
	`charged_back_minor` bigint NOT NULL DEFAULT 0,
	`reversal_transaction_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payment_disputes_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_disputes_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `payment_disputes_gateway_uq` UNIQUE(`gateway`,`gateway_dispute_id`)
);
--> statement-breakpoint
ALTER TABLE `payment_transactions` MODIFY COLUMN `kind` enum('charge','refund','save_method','chargeback') NOT NULL;--> statement-breakpoint
ALTER TABLE `payment_transactions` MODIFY COLUMN `flow` enum('hosted','off_session','staff','dispute') NOT NULL;--> statement-breakpoint
CREATE INDEX `payment_disputes_invoice_idx` ON `payment_disputes` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_disputes_status_idx` ON `payment_disputes` (`status`,`evidence_due_by`);