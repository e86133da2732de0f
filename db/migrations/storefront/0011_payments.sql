CREATE TABLE `gateway_customers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`gateway` enum('stripe','paypal') NOT NULL,
	`gateway_customer_id` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `gateway_customers_id` PRIMARY KEY(`id`),
	CONSTRAINT `gateway_customers_customer_uq` UNIQUE(`customer_id`,`gateway`),
	CONSTRAINT `gateway_customers_ref_uq` UNIQUE(`gateway`,`gateway_customer_id`)
);
--> statement-breakpoint
CREATE TABLE `gateway_webhook_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`gateway` enum('stripe','paypal') NOT NULL,
	`event_id` varchar(255) NOT NULL,
	`type` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `gateway_webhook_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `gateway_webhook_events_uq` UNIQUE(`gateway`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `payment_methods` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`gateway` enum('stripe','paypal') NOT NULL,
	`kind` enum('card','paypal') NOT NULL,
	`gateway_method_id` varchar(255) NOT NULL,
	`brand` varchar(40),
	`last4` char(4),
	`exp_month` int,
	`exp_year` int,
	`label` varchar(255),
	`is_default` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`removed_at` datetime(3),
	CONSTRAINT `payment_methods_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_methods_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `payment_methods_gateway_ref_uq` UNIQUE(`gateway`,`gateway_method_id`)
);
--> statement-breakpoint
CREATE TABLE `payment_transactions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`invoice_id` bigint unsigned,
	`gateway` enum('stripe','paypal') NOT NULL,
	`kind` enum('charge','refund','save_method') NOT NULL,
	`flow` enum('hosted','off_session','staff') NOT NULL,
	`status` enum('pending','succeeded','failed','requires_action','cancelled') NOT NULL DEFAULT 'pending',
	`currency` char(3) NOT NULL,
	`amount_minor` bigint NOT NULL,
	`fee_minor` bigint,
	`gateway_ref` varchar(255),
	`gateway_payment_id` varchar(255),
	`payment_method_id` bigint unsigned,
	`parent_id` bigint unsigned,
	`failure_reason` varchar(255),
	`failure_code` varchar(64),
	`idempotency_key` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payment_transactions_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_transactions_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `payment_transactions_idempotency_uq` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
ALTER TABLE `invoice_payments` ADD `transaction_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `invoices` ADD `disputed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD `payment_method_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `invoice_payments` ADD CONSTRAINT `invoice_payments_transaction_uq` UNIQUE(`transaction_id`);--> statement-breakpoint
CREATE INDEX `payment_methods_customer_idx` ON `payment_methods` (`customer_id`);--> statement-breakpoint
CREATE INDEX `payment_transactions_invoice_idx` ON `payment_transactions` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_transactions_gateway_payment_idx` ON `payment_transactions` (`gateway`,`gateway_payment_id`);--> statement-breakpoint
CREATE INDEX `payment_transactions_gateway_ref_idx` ON `payment_transactions` (`gateway`,`gateway_ref`);--> statement-breakpoint
CREATE INDEX `payment_transactions_status_idx` ON `payment_transactions` (`status`,`created_at`);