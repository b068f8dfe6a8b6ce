class ProductsController < ApplicationController
  SORTABLE = %w[name price created_at].freeze

  def index
    sort = SORTABLE.include?(params[:sort]) ? params[:sort] : "name"
    render json: Product.order("#{sort} ASC")
  end
end
