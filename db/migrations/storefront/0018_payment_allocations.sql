CREATE TABLE `payment_allocations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`transaction_id` bigint unsigned NOT NULL,
	`invoice_id` bigint unsigned NOT NULL,
	`amount_minor` bigint NOT NULL,
	`applied_minor` bigint,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payment_allocations_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_allocations_uq` UNIQUE(`transaction_id`,`invoice_id`)
);
--> statement-breakpoint
ALTER TABLE `invoice_payments` DROP INDEX `invoice_payments_transaction_uq`;--> statement-breakpoint
ALTER TABLE `credit_notes` DROP INDEX `credit_notes_transaction_uq`;--> statement-breakpoint
ALTER TABLE `invoice_payments` ADD CONSTRAINT `invoice_payments_transaction_invoice_uq` UNIQUE(`transaction_id`,`invoice_id`);--> statement-breakpoint
ALTER TABLE `credit_notes` ADD CONSTRAINT `credit_notes_transaction_invoice_uq` UNIQUE(`transaction_id`,`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_invoice_idx` ON `payment_allocations` (`invoice_id`);