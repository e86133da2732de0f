CREATE TABLE `credit_note_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`credit_note_id` bigint unsigned NOT NULL,
	`invoice_line_id` bigint unsigned NOT NULL,
	`description` varchar(255) NOT NULL,
	`period_start` date,
	`period_end` date,
	`amount_minor` bigint NOT NULL,
	`tax_minor` bigint NOT NULL,
	`tax` json NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `credit_note_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `credit_notes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`number` varchar(40) NOT NULL,
	`invoice_id` bigint unsigned NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`tax_inclusive` boolean NOT NULL,
	`reverse_charge` boolean NOT NULL,
	`subtotal_minor` bigint NOT NULL,
	`tax_minor` bigint NOT NULL,
	`total_minor` bigint NOT NULL,
	`reason` varchar(255) NOT NULL,
	`source` enum('gateway_refund','credit_refund') NOT NULL,
	`transaction_id` bigint unsigned,
	`credit_ledger_id` bigint unsigned,
	`buyer` json NOT NULL,
	`seller` json NOT NULL,
	`issued_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `credit_notes_id` PRIMARY KEY(`id`),
	CONSTRAINT `credit_notes_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `credit_notes_number_uq` UNIQUE(`number`),
	CONSTRAINT `credit_notes_transaction_uq` UNIQUE(`transaction_id`),
	CONSTRAINT `credit_notes_credit_ledger_uq` UNIQUE(`credit_ledger_id`),
	CONSTRAINT `credit_notes_source_ck` CHECK((source = 'gateway_refund' AND transaction_id IS NOT NULL AND credit_ledger_id IS NULL) OR (source = 'credit_refund' AND credit_ledger_id IS NOT NULL AND transaction_id IS NULL))
);
--> statement-breakpoint
CREATE INDEX `credit_note_lines_note_idx` ON `credit_note_lines` (`credit_note_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `credit_note_lines_invoice_line_idx` ON `credit_note_lines` (`invoice_line_id`);--> statement-breakpoint
CREATE INDEX `credit_notes_invoice_idx` ON `credit_notes` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `credit_notes_customer_idx` ON `credit_notes` (`customer_id`,`issued_at`);