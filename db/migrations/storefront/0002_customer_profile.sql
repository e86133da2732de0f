ALTER TABLE `customers` ADD `company` varchar(160);--> statement-breakpoint
ALTER TABLE `customers` ADD `tax_id` varchar(40);--> statement-breakpoint
ALTER TABLE `customers` ADD `phone` varchar(40);--> statement-breakpoint
ALTER TABLE `customers` ADD `address_line1` varchar(200);--> statement-breakpoint
ALTER TABLE `customers` ADD `address_line2` varchar(200);--> statement-breakpoint
ALTER TABLE `customers` ADD `city` varchar(100);--> statement-breakpoint
ALTER TABLE `customers` ADD `region` varchar(100);--> statement-breakpoint
ALTER TABLE `customers` ADD `postal_code` varchar(20);