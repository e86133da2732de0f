ALTER TABLE `customers` ADD `vat_standing` enum('confirmed','rejected','unchecked') DEFAULT 'unchecked' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `vat_checked_number` varchar(40);--> statement-breakpoint
ALTER TABLE `customers` ADD `vat_checked_at` datetime(3);--> statement-breakpoint
ALTER TABLE `customers` ADD `vat_consultation_number` varchar(64);--> statement-breakpoint
ALTER TABLE `customers` ADD `vat_check_failed_at` datetime(3);