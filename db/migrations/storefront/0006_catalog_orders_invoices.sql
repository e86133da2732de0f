CREATE TABLE `config_option_group_plans` (
	`group_id` bigint unsigned NOT NULL,
	`plan_id` bigint unsigned NOT NULL,
	CONSTRAINT `config_option_group_plans_group_id_plan_id_pk` PRIMARY KEY(`group_id`,`plan_id`)
);
--> statement-breakpoint
CREATE TABLE `config_option_groups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`description` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `config_option_groups_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `config_option_prices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`value_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`cycle` enum('monthly','quarterly','semiannual','annual','biennial','triennial','one_time','hourly') NOT NULL,
	`amount_minor` bigint NOT NULL DEFAULT 0,
	`setup_fee_minor` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `config_option_prices_id` PRIMARY KEY(`id`),
	CONSTRAINT `config_option_prices_uq` UNIQUE(`value_id`,`currency`,`cycle`)
);
--> statement-breakpoint
CREATE TABLE `config_option_values` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`option_id` bigint unsigned NOT NULL,
	`code` varchar(60) NOT NULL,
	`label` varchar(120) NOT NULL,
	`hidden` boolean NOT NULL DEFAULT false,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `config_option_values_id` PRIMARY KEY(`id`),
	CONSTRAINT `config_option_values_code_uq` UNIQUE(`option_id`,`code`)
);
--> statement-breakpoint
CREATE TABLE `config_options` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`group_id` bigint unsigned NOT NULL,
	`code` varchar(60) NOT NULL,
	`name` varchar(120) NOT NULL,
	`type` enum('dropdown','radio','quantity','yes_no') NOT NULL,
	`min_quantity` int NOT NULL DEFAULT 0,
	`max_quantity` int NOT NULL DEFAULT 0,
	`step_quantity` int NOT NULL DEFAULT 1,
	`required` boolean NOT NULL DEFAULT false,
	`upgradable` boolean NOT NULL DEFAULT false,
	`hidden` boolean NOT NULL DEFAULT false,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `config_options_id` PRIMARY KEY(`id`),
	CONSTRAINT `config_options_code_uq` UNIQUE(`group_id`,`code`)
);
--> statement-breakpoint
CREATE TABLE `coupon_amounts` (
	`coupon_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`discount_minor` bigint NOT NULL DEFAULT 0,
	`min_order_minor` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `coupon_amounts_coupon_id_currency_pk` PRIMARY KEY(`coupon_id`,`currency`)
);
--> statement-breakpoint
CREATE TABLE `coupon_redemptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`coupon_id` bigint unsigned NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`discount_minor` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_redemptions_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_redemptions_order_uq` UNIQUE(`coupon_id`,`order_id`)
);
--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`description` varchar(255),
	`type` enum('percent','fixed','free_setup','extra_trial_days') NOT NULL,
	`percent_bp` int NOT NULL DEFAULT 0,
	`trial_days` int NOT NULL DEFAULT 0,
	`duration` enum('first_invoice','recurring_cycles','lifetime') NOT NULL DEFAULT 'first_invoice',
	`recurring_cycles` int NOT NULL DEFAULT 0,
	`plan_ids` json NOT NULL,
	`group_ids` json NOT NULL,
	`cycles` json NOT NULL,
	`countries` json NOT NULL,
	`starts_at` datetime(3),
	`ends_at` datetime(3),
	`max_uses` int,
	`max_uses_per_customer` int,
	`uses_count` int NOT NULL DEFAULT 0,
	`new_customers_only` boolean NOT NULL DEFAULT false,
	`stackable` boolean NOT NULL DEFAULT false,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupons_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `currencies` (
	`code` char(3) NOT NULL,
	`name` varchar(60) NOT NULL,
	`minor_digits` int NOT NULL DEFAULT 2,
	`locale` varchar(20) NOT NULL DEFAULT 'en-US',
	`enabled` boolean NOT NULL DEFAULT true,
	`is_default` boolean NOT NULL DEFAULT false,
	`sort_order` int NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `currencies_code` PRIMARY KEY(`code`)
);
--> statement-breakpoint
CREATE TABLE `locations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`country` char(2) NOT NULL,
	`city` varchar(100) NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`sort_order` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `locations_id` PRIMARY KEY(`id`),
	CONSTRAINT `locations_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `plan_locations` (
	`plan_id` bigint unsigned NOT NULL,
	`location_id` bigint unsigned NOT NULL,
	CONSTRAINT `plan_locations_plan_id_location_id_pk` PRIMARY KEY(`plan_id`,`location_id`)
);
--> statement-breakpoint
CREATE TABLE `plan_prices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`plan_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`cycle` enum('monthly','quarterly','semiannual','annual','biennial','triennial','one_time','hourly') NOT NULL,
	`amount_minor` bigint NOT NULL,
	`setup_fee_minor` bigint NOT NULL DEFAULT 0,
	`rate_precise` decimal(20,6),
	CONSTRAINT `plan_prices_id` PRIMARY KEY(`id`),
	CONSTRAINT `plan_prices_uq` UNIQUE(`plan_id`,`currency`,`cycle`)
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`group_id` bigint unsigned NOT NULL,
	`slug` varchar(80) NOT NULL,
	`name` varchar(120) NOT NULL,
	`description` text,
	`features` json NOT NULL,
	`service_type` enum('vps','dedicated','web_hosting','game_server','cloud_desktop','software_license','api_product') NOT NULL,
	`provisioning_module` varchar(40),
	`module_settings` json NOT NULL,
	`status` enum('active','hidden','archived') NOT NULL DEFAULT 'active',
	`sort_order` int NOT NULL DEFAULT 0,
	`trial_days` int NOT NULL DEFAULT 0,
	`stock_quantity` int,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `plans_id` PRIMARY KEY(`id`),
	CONSTRAINT `plans_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `tax_rules` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`country` char(2) NOT NULL,
	`region` varchar(100) NOT NULL DEFAULT '',
	`name` varchar(60) NOT NULL,
	`rate_milli_percent` int NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `tax_rules_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_rules_place_uq` UNIQUE(`country`,`region`)
);
--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`plan_id` bigint unsigned NOT NULL,
	`cycle` enum('monthly','quarterly','semiannual','annual','biennial','triennial','one_time','hourly') NOT NULL,
	`selection` json NOT NULL,
	`recurring_minor` bigint NOT NULL,
	`setup_minor` bigint NOT NULL,
	`stock_taken` int NOT NULL DEFAULT 0,
	`service_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_items_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`status` enum('pending','active','cancelled','flagged') NOT NULL DEFAULT 'pending',
	`currency` char(3) NOT NULL,
	`total_minor` bigint NOT NULL,
	`invoice_id` bigint unsigned,
	`coupon_codes` json NOT NULL,
	`ip` varchar(45),
	`note` varchar(500),
	`cancelled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_public_id_uq` UNIQUE(`public_id`)
);
--> statement-breakpoint
CREATE TABLE `credit_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`currency` char(3) NOT NULL,
	`amount_minor` bigint NOT NULL,
	`kind` enum('staff_adjustment','invoice_payment','refund','overpayment') NOT NULL,
	`invoice_id` bigint unsigned,
	`note` varchar(255),
	`staff_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `credit_ledger_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`invoice_id` bigint unsigned NOT NULL,
	`kind` enum('plan','option','setup_fee','discount','loyalty','late_fee','usage','adjustment') NOT NULL,
	`description` varchar(255) NOT NULL,
	`service_id` bigint unsigned,
	`order_item_id` bigint unsigned,
	`coupon_id` bigint unsigned,
	`quantity` int NOT NULL DEFAULT 1,
	`amount_minor` bigint NOT NULL,
	`tax_minor` bigint NOT NULL DEFAULT 0,
	`tax` json NOT NULL,
	`period_start` date,
	`period_end` date,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `invoice_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `invoice_number_counters` (
	`scope` varchar(60) NOT NULL,
	`last_value` bigint NOT NULL,
	CONSTRAINT `invoice_number_counters_scope` PRIMARY KEY(`scope`)
);
--> statement-breakpoint
CREATE TABLE `invoice_payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`invoice_id` bigint unsigned NOT NULL,
	`method` enum('credit','stripe','paypal','bank_transfer') NOT NULL,
	`currency` char(3) NOT NULL,
	`amount_minor` bigint NOT NULL,
	`reference` varchar(120),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `invoice_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`number` varchar(40),
	`status` enum('draft','unpaid','paid','void','refunded','partially_refunded') NOT NULL DEFAULT 'draft',
	`currency` char(3) NOT NULL,
	`tax_inclusive` boolean NOT NULL,
	`reverse_charge` boolean NOT NULL DEFAULT false,
	`subtotal_minor` bigint NOT NULL,
	`tax_minor` bigint NOT NULL,
	`total_minor` bigint NOT NULL,
	`paid_minor` bigint NOT NULL DEFAULT 0,
	`buyer` json NOT NULL,
	`seller` json NOT NULL,
	`issued_at` datetime(3),
	`due_on` date,
	`paid_at` datetime(3),
	`voided_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `invoices_id` PRIMARY KEY(`id`),
	CONSTRAINT `invoices_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `invoices_number_uq` UNIQUE(`number`)
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(32) NOT NULL,
	`customer_id` bigint unsigned NOT NULL,
	`plan_id` bigint unsigned NOT NULL,
	`order_item_id` bigint unsigned,
	`label` varchar(160) NOT NULL,
	`cycle` enum('monthly','quarterly','semiannual','annual','biennial','triennial','one_time','hourly') NOT NULL,
	`currency` char(3) NOT NULL,
	`recurring_minor` bigint NOT NULL,
	`coupon_id` bigint unsigned,
	`coupon_cycles_remaining` int,
	`status` enum('pending','active','suspended','terminated','cancelled') NOT NULL DEFAULT 'pending',
	`next_due_on` date,
	`trial_ends_on` date,
	`auto_renew` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `services_id` PRIMARY KEY(`id`),
	CONSTRAINT `services_public_id_uq` UNIQUE(`public_id`),
	CONSTRAINT `services_order_item_uq` UNIQUE(`order_item_id`)
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `tax_exempt` boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `cogp_plan_idx` ON `config_option_group_plans` (`plan_id`);--> statement-breakpoint
CREATE INDEX `coupon_redemptions_customer_idx` ON `coupon_redemptions` (`coupon_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `plans_group_idx` ON `plans` (`group_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `order_items_order_idx` ON `order_items` (`order_id`);--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_ledger_customer_idx` ON `credit_ledger` (`customer_id`,`currency`);--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `invoice_payments_invoice_idx` ON `invoice_payments` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `invoices_customer_idx` ON `invoices` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `invoices_status_due_idx` ON `invoices` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `services_customer_idx` ON `services` (`customer_id`);--> statement-breakpoint
INSERT INTO `currencies` (`code`, `name`, `minor_digits`, `locale`, `enabled`, `is_default`, `sort_order`) VALUES ('USD', 'US dollar', 2, 'en-US', true, true, 10), ('EUR', 'Euro', 2, 'de-DE', true, false, 20), ('GBP', 'Pound sterling', 2, 'en-GB', true, false, 30);
