ALTER TABLE `customers` ADD `closure_requested_at` datetime(3);--> statement-breakpoint
ALTER TABLE `customers` ADD `closed_at` datetime(3);--> statement-breakpoint
CREATE INDEX `customers_closure_idx` ON `customers` (`closure_requested_at`);