ALTER TABLE `invoice_payments` MODIFY COLUMN `method` varchar(32) NOT NULL;--> statement-breakpoint
ALTER TABLE `gateway_customers` MODIFY COLUMN `gateway` varchar(32) NOT NULL;--> statement-breakpoint
ALTER TABLE `gateway_webhook_events` MODIFY COLUMN `gateway` varchar(32) NOT NULL;--> statement-breakpoint
ALTER TABLE `payment_methods` MODIFY COLUMN `gateway` varchar(32) NOT NULL;--> statement-breakpoint
ALTER TABLE `payment_transactions` MODIFY COLUMN `gateway` varchar(32) NOT NULL;